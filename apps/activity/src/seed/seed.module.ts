import { Module } from '@nestjs/common';
import { CatalogueSeeder } from './catalogue-seeder';

@Module({ providers: [CatalogueSeeder] })
export class SeedModule {}
