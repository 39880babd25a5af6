/**
 * The node image of the asset stage is a tag known to be published (src/targets/docker/node-tags.ts,
 * a dated table of Node lines and their Debian variants), never one glued from the pin and a Debian
 * release: Node 18 got bookworm images only in mid-2023, so a project pinning 18.14.0 builds from
 * node:18.14.0-bullseye-slim, not node:18.14.0-bookworm-slim (which never existed). A pin no image is
 * known for falls back to its line's own tag with a preflight warning. The projects are the phx15-webpack
 * fixture (a webpack build on Node) with the pin added where real projects write it.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/plan/config.js';
import { previewPlan } from '../../src/plan/preview.js';
import { nodeImageIssues } from '../../src/plan/preflight-images.js';
import { scan } from '../../src/scan/index.js';
import { chooseNodeImage, nodeOsPreference, nodeTagKnown } from '../../src/targets/docker/node-tags.js';
import { fixture, makeProject } from '../helpers/project.js';

const WEBPACK = fixture('phx15-webpack');

const generated = async (dir: string) => {
  const profile = await scan(dir);
  const preview = await previewPlan(dir, profile, defaultConfig(profile), 'docker');
  const text = preview.plan.files.find((f) => f.path === 'Dockerfile')!.content;
  return { profile, text, notes: preview.plan.notes.join('\n'), images: preview.preflight.filter((i) => i.invariant === 'image') };
};

describe('the table of published node tags', () => {
  it('knows which Debian releases each Node release was published on', () => {
    expect(nodeTagKnown('18.14.0', 'bookworm')).toBe(false);
    expect(nodeTagKnown('18.14.0', 'bullseye')).toBe(true);
    expect(nodeTagKnown('18.20.8', 'bookworm')).toBe(true);
    expect(nodeTagKnown('18.20.9', 'bookworm')).toBe(false);
    expect(nodeTagKnown('18.14', 'bookworm')).toBe(false);
    expect(nodeTagKnown('18', 'bookworm')).toBe(true);
    expect(nodeTagKnown('19.9.0', 'bookworm')).toBe(false);
    expect(nodeTagKnown('22.11.0', 'trixie')).toBe(false);
    expect(nodeTagKnown('22', 'trixie')).toBe(true);
  });

  it('chooses the pinned release on a Debian release that has it, else the line, else the nearest line', () => {
    expect(chooseNodeImage('18.14.0', 18, nodeOsPreference(18))).toEqual({ version: '18.14.0', os: 'bullseye', match: 'exact' });
    expect(chooseNodeImage('18.19.1', 18, nodeOsPreference(18))).toEqual({ version: '18.19.1', os: 'bookworm', match: 'exact' });
    expect(chooseNodeImage('18.21.0', 18, nodeOsPreference(18))).toEqual({ version: '18', os: 'bookworm', match: 'line' });
    expect(chooseNodeImage('lts', 22, nodeOsPreference(22))).toEqual({ version: '22', os: 'bookworm', match: 'line' });
    expect(chooseNodeImage('13.14.0', 13, nodeOsPreference(13))).toEqual({ version: '14', os: 'bullseye', match: 'nearest-line' });
    expect(chooseNodeImage('26.1.0', 26, nodeOsPreference(26))).toEqual({ version: '25', os: 'bookworm', match: 'nearest-line' });
  });
});

describe('the generated Dockerfile', () => {
  it('.tool-versions pins Node 18.14.0: node:18.14.0-bullseye-slim, the Debian release it was published on; no warning', async () => {
    const g = await generated(makeProject({ '.tool-versions': 'elixir 1.14.5-otp-25\nerlang 25.3.2\nnodejs 18.14.0\n' }, WEBPACK));
    expect(g.text).toMatch(/^ARG NODE_VERSION=18\.14\.0$/m);
    expect(g.text).toContain('FROM node:${NODE_VERSION}-bullseye-slim AS node');
    expect(g.notes).toContain('(node:18.14.0-bullseye-slim)');
    expect(g.images).toEqual([]);
  });

  it('package.json engines pins a Node release no image exists for: the line\'s own tag, and a preflight warning naming both', async () => {
    const g = await generated(makeProject({ 'assets/package.json': (t) => t.replace(/^\{/, '{\n  "engines": { "node": "18.21.0" },') }, WEBPACK));
    expect(g.text).toMatch(/^ARG NODE_VERSION=18$/m);
    expect(g.text).toContain('FROM node:${NODE_VERSION}-bookworm-slim AS node');
    expect(g.images).toHaveLength(1);
    expect(g.images[0]).toMatchObject({ severity: 'warning', file: 'Dockerfile' });
    expect(g.images[0]!.message).toContain('Node 18.21.0 is pinned in assets/package.json:2');
    expect(g.images[0]!.message).toContain('builds the assets with node:18-bookworm-slim instead');
    expect(g.notes).toMatch(/No node:18\.21\.0-<debian>-slim image is known to exist .*the newest Node 18\.x/);
  });

  it('preflight refuses a node tag that was never published (read back from the Dockerfile, ARGs substituted)', async () => {
    const profile = await scan(makeProject({ '.tool-versions': 'nodejs 18.14.0\n' }, WEBPACK));
    const text = 'ARG NODE_VERSION=18.14.0\nFROM node:${NODE_VERSION}-bookworm-slim AS node\n\nFROM hexpm/elixir:1.14.5-erlang-25.3.2.4-debian-bullseye-20230612-slim AS builder\n';
    const issues = nodeImageIssues(profile, 'Dockerfile', text);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ invariant: 'image', severity: 'error' });
    expect(issues[0]!.message).toContain('Dockerfile:2 builds from node:18.14.0-bookworm-slim, which is not a published node image');
    expect(issues[0]!.fix).toContain('build from node:18.14.0-bullseye-slim');
  });
});
