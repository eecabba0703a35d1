// The demo page's service worker: Herald's, imported. An application on its own origin serves the same one line at
// its /sw.js, with Herald's address: importScripts("https://notify.example.com/herald-sw.js");
importScripts("/herald-sw.js");
