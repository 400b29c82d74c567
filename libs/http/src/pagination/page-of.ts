import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/**
 * The answer of a list endpoint that takes a PageQuery: one page of items, how many there are in
 * all, and the page asked for. `export class TeamPage extends PageOf(TeamView) {}`.
 */
export function PageOf<T>(item: Type<T>) {
  class Page {
    @ApiProperty({ type: [item] }) items!: T[];
    @ApiProperty({ type: Number }) total!: number;
    @ApiProperty({ type: Number }) limit!: number;
    @ApiProperty({ type: Number }) offset!: number;
  }
  return Page;
}
