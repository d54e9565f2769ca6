// Package quality holds the quality gates of the built handbook: the real
// content is built once, then checked with the Nu HTML checker (vnu), axe-core
// in headless Chromium (light and dark), a link and asset checker, a
// JavaScript-off reading test and page-weight budgets. Its npm tools
// (package.json beside this file) are installed by .ci/run with npm ci.
package quality
