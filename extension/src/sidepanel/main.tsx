import { mountApp } from '../ui/mount';

void mountApp('panel');
