// The repo targets the current Node LTS, pinned as the `node` dev dependency so that every
// `pnpm run` uses it even where the system Node is older (see README, "Node version").
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `Node ${process.versions.node} is running the scripts; expected >= 24. ` +
      'Run scripts through pnpm (which puts the pinned node from node_modules/.bin first on PATH).',
  );
  process.exit(1);
}
console.log(`node ${process.versions.node}`);
