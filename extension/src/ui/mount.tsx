import { render } from 'preact';
import { App, Layout } from './App';
import { WorkerConnector } from './connector';
import './styles.css';

export function mountApp(layout: Layout): void {
  const connector = new WorkerConnector();
  connector.connect();
  render(<App connector={connector} layout={layout} />, document.getElementById('app')!);
}
