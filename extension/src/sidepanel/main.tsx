import { mountApp } from '../ui/mount';

mountApp('panel');
