/** Entry: mounts the app and routes same-origin link clicks inside it. */
import { h, render } from 'preact';
import { App } from './app.ts';
import { interceptLinks } from './lib/router.ts';
import './styles.css';

interceptLinks(document);
render(h(App, null), document.getElementById('app')!);
