import { mountApp } from '../ui/mount';

mountApp('popup');
