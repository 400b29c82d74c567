import type { Type as Class } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsMunicipalityCode } from '@samenspel/contracts';
import { FlagQuery, IntegerQuery } from '@samenspel/http';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type {
  HsdsAccessibility,
  HsdsAttribute,
  HsdsContact,
  HsdsLocation,
  HsdsOrganization,
  HsdsPage,
  HsdsSchedule,
  HsdsService,
  HsdsServiceArea,
  HsdsServiceAtLocation,
  HsdsServiceCapacity,
  HsdsServiceSummary,
  HsdsTaxonomy,
  HsdsTaxonomyTerm,
} from '../../domain/hsds';
import { AgeQuery } from '../../shared/query-fields';

/** `?page=&per_page=` as the HSDS API reference names them; pages count from 1. */
export class HsdsPageQuery {
  @IntegerQuery({ min: 1, max: 100000, default: 1, description: 'The page, counted from 1' })
  page: number = 1;

  @IntegerQuery({ min: 1, max: 100, default: 20 })
  per_page: number = 20;
}

/** The filters of the service and service-at-location lists. */
export class HsdsServiceFilter extends HsdsPageQuery {
  @ApiPropertyOptional({
    description: 'A taxonomy term of the theme vocabulary, by its id or its code (`sport`)',
    example: 'sport',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  taxonomy_term_id?: string;

  @AgeQuery('Services whose age band includes this age')
  age?: number;

  @ApiPropertyOptional({ example: 'GM0344', description: 'A CBS municipality code' })
  @IsOptional()
  @IsMunicipalityCode()
  municipalityCode?: string;

  @FlagQuery({ description: 'Only services with at least one free seat' })
  withFreeSeats?: boolean;

  @ApiPropertyOptional({ description: 'Only the services of this organization (a team id)' })
  @IsOptional()
  @IsUUID()
  organization_id?: string;
}

export class ListHsdsServicesQuery extends HsdsServiceFilter {
  @FlagQuery({ description: 'Fully nested services instead of their one-to-one fields' })
  full?: boolean;
}

export class ListHsdsOrganizationsQuery extends HsdsPageQuery {
  @ApiPropertyOptional({ example: 'GM0344', description: 'Teams that serve this CBS municipality code' })
  @IsOptional()
  @IsMunicipalityCode()
  municipalityCode?: string;
}

export class HsdsApiInfo {
  @ApiProperty({ example: '3.0', description: 'The HSDS version of this API' }) version!: string;
}

export class HsdsTaxonomyView implements HsdsTaxonomy {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() version!: string;
}

export class HsdsTaxonomyTermView implements HsdsTaxonomyTerm {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The theme word, as in the catalogue', example: 'sport' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'The name of the taxonomy' }) taxonomy!: string;
  @ApiProperty({ format: 'uuid' }) taxonomy_id!: string;
  @ApiProperty({ example: 'en' }) language!: string;
  @ApiPropertyOptional({ type: HsdsTaxonomyView }) taxonomy_detail?: HsdsTaxonomyView;
}

export class HsdsAttributeView implements HsdsAttribute {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) link_id!: string;
  @ApiProperty({ example: 'theme' }) link_type!: string;
  @ApiProperty({ example: 'service' }) link_entity!: string;
  @ApiProperty({ format: 'uuid' }) taxonomy_term_id!: string;
  @ApiProperty({ type: HsdsTaxonomyTermView }) taxonomy_term!: HsdsTaxonomyTermView;
}

export class HsdsOrganizationView implements HsdsOrganization {
  @ApiProperty({ format: 'uuid', description: 'The team id' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
}

export class HsdsAccessibilityView implements HsdsAccessibility {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) location_id!: string;
  @ApiProperty() description!: string;
}

export class HsdsLocationView implements HsdsLocation {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['physical', 'virtual'] }) location_type!: 'physical' | 'virtual';
  @ApiProperty({ format: 'uuid' }) organization_id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The postcode area (four digits) and municipality, never an address' })
  description!: string;
  @ApiProperty({ type: [HsdsAccessibilityView] }) accessibility!: HsdsAccessibilityView[];
}

export class HsdsServiceAtLocationView implements HsdsServiceAtLocation {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) service_id!: string;
  @ApiProperty({ format: 'uuid' }) location_id!: string;
  @ApiProperty({ type: HsdsLocationView }) location!: HsdsLocationView;
}

export class HsdsScheduleView implements HsdsSchedule {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) service_id!: string;
  @ApiProperty({ enum: ['WEEKLY'] }) freq!: 'WEEKLY';
  @ApiPropertyOptional() interval?: number;
  @ApiPropertyOptional({ example: 'MO,WE' }) byday?: string;
  @ApiPropertyOptional() byweekno?: string;
  @ApiPropertyOptional({ example: '2027-06-30' }) until?: string;
  @ApiPropertyOptional() count?: number;
  @ApiPropertyOptional() wkst?: string;
  @ApiPropertyOptional({ example: '15:30', description: 'Local time in Europe/Amsterdam' }) opens_at?: string;
  @ApiPropertyOptional({ example: '17:00', description: 'Local time in Europe/Amsterdam' })
  closes_at?: string;
  @ApiProperty() description!: string;
}

export class HsdsServiceAreaView implements HsdsServiceArea {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) service_id!: string;
  @ApiProperty({ example: 'GM0344', description: 'The CBS municipality code' }) name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'uri', description: "The municipality's TOOI identifier" }) uri!: string;
}

export class HsdsContactView implements HsdsContact {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) service_id!: string;
  @ApiProperty({ description: 'A role to contact, never a person', example: 'jongerenwerker' })
  title!: string;
}

export class HsdsUnitView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Seat' }) name!: string;
}

export class HsdsServiceCapacityView implements HsdsServiceCapacity {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) service_id!: string;
  @ApiProperty({ type: HsdsUnitView }) unit!: HsdsUnitView;
  @ApiProperty({ description: 'Seats free now: capacity less held and confirmed seats' }) available!: number;
  @ApiProperty({ description: 'The capacity' }) maximum!: number;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'date-time' }) updated!: string;
}

export class HsdsServiceSummaryView implements HsdsServiceSummary {
  @ApiProperty({ format: 'uuid', description: 'The activity id' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The team id' }) organization_id!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ enum: ['active', 'inactive', 'temporarily closed'] })
  status!: HsdsServiceSummary['status'];
  @ApiProperty() minimum_age!: number;
  @ApiProperty() maximum_age!: number;
  @ApiProperty() eligibility_description!: string;
  @ApiProperty({ format: 'date-time' }) last_modified!: string;
  @ApiPropertyOptional({ type: HsdsOrganizationView }) organization?: HsdsOrganizationView;
  @ApiProperty({
    type: [HsdsServiceCapacityView],
    description: 'Extension: HSDS 3.0 has no capacity; the shape of HSDS 3.1 service_capacity',
  })
  capacities!: HsdsServiceCapacityView[];
}

export class HsdsServiceView extends HsdsServiceSummaryView implements HsdsService {
  @ApiProperty({ type: [HsdsAttributeView], description: 'The themes, as taxonomy terms' })
  attributes!: HsdsAttributeView[];
  @ApiProperty({ type: [HsdsScheduleView] }) schedules!: HsdsScheduleView[];
  @ApiProperty({ type: [HsdsServiceAreaView] }) service_areas!: HsdsServiceAreaView[];
  @ApiProperty({ type: [HsdsServiceAtLocationView] }) service_at_locations!: HsdsServiceAtLocationView[];
  @ApiProperty({ type: [HsdsContactView] }) contacts!: HsdsContactView[];
}

/** An OpenAPI class for a page of `item`, named `name`. */
function hsdsPageOf<T>(item: Class<T>, name: string): Class<HsdsPage<T>> {
  class Page implements HsdsPage<T> {
    @ApiProperty({ type: 'integer' }) total_items!: number;
    @ApiProperty({ type: 'integer' }) total_pages!: number;
    @ApiProperty({ type: 'integer', description: 'Counted from 1' }) page_number!: number;
    @ApiProperty({ type: 'integer', description: 'The number of items on this page' }) size!: number;
    @ApiProperty() first_page!: boolean;
    @ApiProperty() last_page!: boolean;
    @ApiProperty() empty!: boolean;
    @ApiProperty({ type: [item] }) contents!: T[];
  }
  Object.defineProperty(Page, 'name', { value: name });
  return Page;
}

export const HsdsServicePage = hsdsPageOf(HsdsServiceSummaryView, 'HsdsServicePage');
export const HsdsOrganizationPage = hsdsPageOf(HsdsOrganizationView, 'HsdsOrganizationPage');
export const HsdsServiceAtLocationPage = hsdsPageOf(HsdsServiceAtLocationView, 'HsdsServiceAtLocationPage');
export const HsdsTaxonomyPage = hsdsPageOf(HsdsTaxonomyView, 'HsdsTaxonomyPage');
export const HsdsTaxonomyTermPage = hsdsPageOf(HsdsTaxonomyTermView, 'HsdsTaxonomyTermPage');
