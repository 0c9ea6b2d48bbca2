import { render } from 'preact';
import { WorkerConnector } from '../ui/connector';
import '../ui/styles.css';
import { OptionsPage } from './OptionsPage';

const connector = new WorkerConnector();
connector.connect();
render(<OptionsPage connector={connector} />, document.getElementById('app')!);
