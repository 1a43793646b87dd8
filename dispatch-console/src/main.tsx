import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import './styles.css';
import { render } from 'preact';
import { App } from './app';
import { applyTheme } from './views/palette';

applyTheme(document.documentElement);
render(<App />, document.getElementById('app') as HTMLElement);
