import { mountApp } from '../ui/mount';

void mountApp('popup');
