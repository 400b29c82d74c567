import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, MaxLength } from 'class-validator';

/**
 * A setting naming where a token carries a claim: a claim name, a namespaced claim
 * (`https://example.org/role`) or a dotted path into nested claims (`realm_access.roles`).
 */
export function ClaimPathSetting(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    MaxLength(200),
    Matches(/^\S+$/, { message: '$property must be a claim name or a dotted path, without spaces' }),
  );
}
