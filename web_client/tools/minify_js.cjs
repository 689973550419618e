// Minifies the app's JavaScript glue in place with terser: local names shortened, dead code dropped.
// Top-level names and every property stay as they are: the page and its scripts use them by name.
'use strict';
const fs = require('fs');
const { minify } = require('terser');

const file = process.argv[2];
if (!file) {
  console.error('usage: node minify_js.cjs FILE.js');
  process.exit(2);
}
minify(fs.readFileSync(file, 'utf8'), { compress: { passes: 2 }, mangle: true, format: { comments: false } })
  .then((result) => fs.writeFileSync(file, result.code))
  .catch((error) => {
    console.error(`minify_js: ${file}: ${error.message}`);
    process.exit(1);
  });
