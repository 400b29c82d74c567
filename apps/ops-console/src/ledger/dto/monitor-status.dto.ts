import { ApiProperty } from '@nestjs/swagger';

export class MonitorStatusDto {
  @ApiProperty({ description: 'The flow monitor joined its consumer group and holds its partitions' })
  joined!: boolean;
}
