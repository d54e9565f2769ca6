// The search page's entry: an async module placed after the results list,
// so that it runs as soon as it and its imports (preloaded in the head)
// are in, without waiting for the rest of the page's scripts or for the
// end of parsing. boot.js, loaded by main.js, would start the same
// interface later; start() runs once.
import { start } from "./ui.js";

start();
