/**
 * Which Debian package puts a program on the PATH, for the programs Phoenix apps run at run time
 * (`System.cmd("ffmpeg", …)`, ImageMagick through Waffle/Arc/Mogrify, `git` for diffs, `node` for a
 * script). Package names as of Debian 12 "bookworm" (the runner the generated images use), checked on
 * 2026-12-06 against https://packages.debian.org/bookworm/<package> ("list of files") and
 * `apt-cache policy <package>` on Debian 12.11; they are unchanged in bullseye and trixie.
 *
 * Not here on purpose: programs Debian does not ship (`flyctl`, `kubectl`, `fwup`, `detools`), and
 * programs whose Debian release cannot do their job (`yt-dlp`: bookworm ships 2023.03.04, and the site
 * extractors it carries break within weeks; upstream says to install its own releases or `pipx install
 * yt-dlp`). For those the project's own Dockerfile is the source, else the plan names them as errors.
 */

/** Programs every Debian slim image has (coreutils, bash, tar, gzip, grep, sed, findutils, util-linux). */
export const DEBIAN_BASE_PROGRAMS: ReadonlySet<string> = new Set([
  'sh', 'bash', 'dash', 'env', 'cat', 'ls', 'cp', 'mv', 'rm', 'mkdir', 'rmdir', 'ln', 'chmod', 'chown', 'touch', 'du', 'df',
  'date', 'echo', 'printf', 'test', 'true', 'false', 'sleep', 'head', 'tail', 'sort', 'uniq', 'wc', 'tr', 'cut', 'tee',
  'basename', 'dirname', 'readlink', 'realpath', 'stat', 'sha256sum', 'md5sum', 'base64', 'mktemp', 'nproc', 'uname', 'id',
  'whoami', 'kill', 'tar', 'gzip', 'gunzip', 'zcat', 'grep', 'egrep', 'sed', 'find', 'xargs', 'hostname', 'mount', 'nice', 'timeout',
]);

/** Program → the Debian package that provides it (bookworm). */
export const DEBIAN_PACKAGE_OF: Readonly<Record<string, string>> = {
  git: 'git',
  ffmpeg: 'ffmpeg',
  ffprobe: 'ffmpeg',
  convert: 'imagemagick',
  mogrify: 'imagemagick',
  identify: 'imagemagick',
  composite: 'imagemagick',
  montage: 'imagemagick',
  node: 'nodejs',
  nodejs: 'nodejs',
  npm: 'npm',
  python3: 'python3',
  apprise: 'apprise',
  gs: 'ghostscript',
  pdftotext: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  pdfinfo: 'poppler-utils',
  libreoffice: 'libreoffice',
  soffice: 'libreoffice',
  'rsvg-convert': 'librsvg2-bin',
  exiftool: 'libimage-exiftool-perl',
  jpegoptim: 'jpegoptim',
  jpegtran: 'libjpeg-turbo-progs',
  optipng: 'optipng',
  pngquant: 'pngquant',
  gifsicle: 'gifsicle',
  cwebp: 'webp',
  zip: 'zip',
  unzip: 'unzip',
  xz: 'xz-utils',
  bzip2: 'bzip2',
  '7z': 'p7zip-full',
  xdelta3: 'xdelta3',
  curl: 'curl',
  wget: 'wget',
  ssh: 'openssh-client',
  scp: 'openssh-client',
  rsync: 'rsync',
  pg_dump: 'postgresql-client',
  pg_restore: 'postgresql-client',
  psql: 'postgresql-client',
  mysql: 'default-mysql-client',
  mysqldump: 'default-mysql-client',
  sqlite3: 'sqlite3',
  java: 'default-jre-headless',
  chromium: 'chromium',
  wkhtmltopdf: 'wkhtmltopdf',
  file: 'file',
  jq: 'jq',
  tesseract: 'tesseract-ocr',
  pandoc: 'pandoc',
  lame: 'lame',
  sox: 'sox',
  ps: 'procps',
  tini: 'tini',
  'dumb-init': 'dumb-init',
};

/** Programs Debian ships too old to work, with why (the plan says it when nothing else installs them). */
export const DEBIAN_TOO_OLD: Readonly<Record<string, string>> = {
  'yt-dlp': "Debian bookworm's yt-dlp (2023.03.04) is too old to download from the sites it supports; install an upstream release (`pipx install yt-dlp`, or its release binary)",
};

export function debianPackageOf(program: string): string | null {
  return Object.hasOwn(DEBIAN_PACKAGE_OF, program) ? (DEBIAN_PACKAGE_OF[program] ?? null) : null;
}
