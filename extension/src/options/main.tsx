import { render } from 'preact';
import { t } from '../platform/i18n';
import { WorkerConnector } from '../ui/connector';
import '../ui/styles.css';
import { OptionsPage } from './OptionsPage';

const connector = new WorkerConnector();
connector.connect();
document.documentElement.lang = t('pageLanguage');
const root = document.getElementById('app');
if (!root) throw new Error('The options page has no #app element.');
render(<OptionsPage connector={connector} />, root);
