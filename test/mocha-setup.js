// Decorated classes (inversify, TypeORM) read their metadata through this polyfill.
require('reflect-metadata');
