import { loadShippedPosterior } from "../src/engine/posterior.js";

// Every test file starts with the shipped posterior loaded, as an async entry point would load
// it, so that the synchronous forms run `baseline` and the presets on it as users' code does
// after `await loadShippedPosterior()`. test/engine/posterior.test.ts checks the error a
// synchronous run gives without it (in a fresh module graph).
await loadShippedPosterior();
