import { rule } from '../../../src/audit/rules/mix-lock-missing.js';
import { fixture } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

ruleTester(rule, {
  valid: [
    { name: 'mix.lock at the project root' },
    { name: 'project in a subfolder with its own mix.lock', base: fixture('subfolder') },
    { name: 'umbrella: one lock at the umbrella root', base: fixture('umbrella') },
  ],
  invalid: [
    { name: 'mix.lock deleted', edits: { 'mix.lock': null }, expect: ['mix.exs:6'], messageIncludes: ['mix.lock'] },
    { name: 'subfolder project without its lock', base: fixture('subfolder'), edits: { 'backend/mix.lock': null }, expect: ['backend/mix.exs:6'], messageIncludes: ['backend/mix.lock'] },
  ],
});
