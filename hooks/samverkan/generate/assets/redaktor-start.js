// Loaded before Decap CMS: redaktor.js registers our Swedish, widgets and
// checks first, then starts the editor itself.
window.CMS_MANUAL_INIT = true;
