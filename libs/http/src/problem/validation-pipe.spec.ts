import type { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsObject, IsString, Min, MinLength, ValidateNested } from 'class-validator';
import { createValidationPipe, RequestValidationError } from './validation-pipe';

class ConsentDto {
  @IsIn(['youngster', 'guardian'])
  givenBy: string;
}

class ActivityDto {
  @IsString()
  @MinLength(3)
  name: string;
}

class CreateReferralDto {
  @IsString()
  youthRef: string;

  @IsInt()
  @Min(12)
  age: number;

  // @ValidateNested skips an absent value: @IsObject/@IsArray make the field required.
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentDto)
  consent: ConsentDto;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ActivityDto)
  preferredActivities: ActivityDto[];
}

const body: ArgumentMetadata = { type: 'body', metatype: CreateReferralDto };
const valid = {
  youthRef: 'y-1',
  age: 15,
  consent: { givenBy: 'youngster' },
  preferredActivities: [{ name: 'boxing' }],
};

async function fieldErrorsOf(value: unknown) {
  try {
    await createValidationPipe().transform(value, body);
  } catch (error) {
    if (error instanceof RequestValidationError) return error.fieldErrors;
    throw error;
  }
  throw new Error('expected a RequestValidationError');
}

describe('createValidationPipe', () => {
  it('turns a valid body into an instance of the DTO, nested objects included', async () => {
    const dto = await createValidationPipe().transform(valid, body);

    expect(dto).toBeInstanceOf(CreateReferralDto);
    expect(dto.consent).toBeInstanceOf(ConsentDto);
  });

  it('names nested and array fields with dotted paths', async () => {
    const errors = await fieldErrorsOf({
      ...valid,
      consent: { givenBy: 'neighbour' },
      preferredActivities: [{ name: 'boxing' }, { name: 'go' }],
    });

    expect(errors).toEqual([
      { field: 'consent.givenBy', messages: ['must be one of the following values: youngster, guardian'] },
      { field: 'preferredActivities.1.name', messages: ['must be longer than or equal to 3 characters'] },
    ]);
  });

  it('lists every broken rule of a field in the order they are declared', async () => {
    const errors = await fieldErrorsOf({ ...valid, age: 'fifteen' });

    expect(errors).toEqual([
      { field: 'age', messages: ['must be an integer number', 'must not be less than 12'] },
    ]);
  });

  it('rejects unknown fields, each with its own entry', async () => {
    const errors = await fieldErrorsOf({
      ...valid,
      bsn: '123456782',
      consent: { givenBy: 'youngster', by: 'x' },
    });

    expect(errors).toEqual([
      { field: 'bsn', messages: ['is not a known field of this request'] },
      { field: 'consent.by', messages: ['is not a known field of this request'] },
    ]);
  });

  it('reports every required field of a missing body', async () => {
    const errors = await fieldErrorsOf(undefined);

    expect(errors.map((e) => e.field)).toEqual(['youthRef', 'age', 'consent', 'preferredActivities']);
  });

  it('refuses a NUL character, which PostgreSQL cannot store, naming the field', async () => {
    const errors = await fieldErrorsOf({ ...valid, consent: { givenBy: 'guardian\u0000' } });
    expect(errors).toEqual([
      { field: 'consent.givenBy', messages: ['must not contain a NUL character or half a surrogate pair'] },
    ]);
  });

  it('refuses a body nested too deep to transform with a 400, not a stack overflow', async () => {
    const deep = JSON.parse('{"a":'.repeat(20000) + '1' + '}'.repeat(20000)) as object;
    await expect(createValidationPipe().transform({ ...valid, consent: deep }, body)).rejects.toMatchObject({
      status: 400,
      message: 'The request is nested too deeply',
    });
  });
});
