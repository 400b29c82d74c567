import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogueObjectNotFound } from '@samenspel/contracts';
import { ApiProblemResponses, UuidParam } from '@samenspel/http';
import { UnitsOfWork } from '@samenspel/messaging';
import { DataSource } from 'typeorm';
import {
  HSDS_VERSION,
  hsdsOrganization,
  hsdsPage,
  THEME_TAXONOMY,
  THEME_TERM_LIST,
  themeTerm,
  type HsdsOrganization,
  type HsdsPage,
  type HsdsService,
  type HsdsServiceAtLocation,
  type HsdsServiceSummary,
  type HsdsTaxonomy,
  type HsdsTaxonomyTerm,
} from '../domain/hsds';
import type { Theme } from '../domain/themes';
import { TeamsRepository } from '../teams/teams.repository';
import {
  HsdsApiInfo,
  HsdsOrganizationPage,
  HsdsOrganizationView,
  HsdsPageQuery,
  HsdsServiceAtLocationPage,
  HsdsServiceFilter,
  HsdsServicePage,
  HsdsServiceView,
  HsdsTaxonomyPage,
  HsdsTaxonomyTermPage,
  HsdsTaxonomyTermView,
  HsdsTaxonomyView,
  ListHsdsOrganizationsQuery,
  ListHsdsServicesQuery,
} from './dto/hsds.dto';
import { GetServiceCommand } from './usecases/get-service/get-service.command';
import { GetService } from './usecases/get-service/get-service.usecase';
import { ListServicesCommand, type ServiceShape } from './usecases/list-services/list-services.command';
import { ListServices } from './usecases/list-services/list-services.usecase';

const pageOf = <T>(items: readonly T[], { page, per_page }: HsdsPageQuery): HsdsPage<T> =>
  hsdsPage(items.slice((page - 1) * per_page, page * per_page), items.length, page, per_page);

/**
 * The published catalogue as an Open Referral HSDS 3.0 API: teams are organizations, published
 * activities are services, themes are taxonomy terms. Read like the catalogue: any valid token.
 */
@ApiTags('hsds')
@ApiProblemResponses(401, 429)
@Controller('hsds')
export class HsdsController {
  constructor(
    private readonly listServices: ListServices,
    private readonly getService: GetService,
    private readonly teams: TeamsRepository,
    private readonly units: UnitsOfWork,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The HSDS version of this API' })
  @ApiOkResponse({ type: HsdsApiInfo })
  info(): HsdsApiInfo {
    return { version: HSDS_VERSION };
  }

  @Get('services')
  @ApiOperation({
    summary: 'A page of published services',
    description: 'Activities as HSDS services, by title; with full=true each is fully nested.',
  })
  @ApiOkResponse({ type: HsdsServicePage })
  @ApiProblemResponses(400)
  services(@Query() query: ListHsdsServicesQuery): Promise<HsdsPage<HsdsServiceSummary>> {
    return this.list(query, query.full ? 'full' : 'summary') as Promise<HsdsPage<HsdsServiceSummary>>;
  }

  @Get('services/:id')
  @ApiOperation({ summary: 'A fully nested service' })
  @ApiOkResponse({ type: HsdsServiceView })
  @ApiProblemResponses(400, 404)
  service(@UuidParam('id') id: string): Promise<HsdsService> {
    const command = new GetServiceCommand({ serviceId: id });
    return this.units.run((uow) => this.getService.execute(command, uow));
  }

  @Get('service_at_locations')
  @ApiOperation({ summary: 'A page of services at their locations', description: 'Filtered as services.' })
  @ApiOkResponse({ type: HsdsServiceAtLocationPage })
  @ApiProblemResponses(400)
  serviceAtLocations(@Query() query: HsdsServiceFilter): Promise<HsdsPage<HsdsServiceAtLocation>> {
    return this.list(query, 'service-at-location') as Promise<HsdsPage<HsdsServiceAtLocation>>;
  }

  @Get('organizations')
  @ApiOperation({ summary: 'A page of organizations (teams)' })
  @ApiOkResponse({ type: HsdsOrganizationPage })
  @ApiProblemResponses(400)
  async organizations(@Query() query: ListHsdsOrganizationsQuery): Promise<HsdsPage<HsdsOrganization>> {
    const { items, total } = await this.teams.list(this.dataSource.manager, {
      municipalityCode: query.municipalityCode,
      limit: query.per_page,
      offset: (query.page - 1) * query.per_page,
    });
    return hsdsPage(items.map(hsdsOrganization), total, query.page, query.per_page);
  }

  @Get('organizations/:id')
  @ApiOperation({ summary: 'An organization (a team)' })
  @ApiOkResponse({ type: HsdsOrganizationView })
  @ApiProblemResponses(400, 404)
  async organization(@UuidParam('id') id: string): Promise<HsdsOrganization> {
    const team = await this.teams.find(this.dataSource.manager, id);
    if (!team) throw new CatalogueObjectNotFound('organization');
    return hsdsOrganization(team);
  }

  @Get('taxonomies')
  @ApiOperation({ summary: 'The taxonomies: the theme vocabulary' })
  @ApiOkResponse({ type: HsdsTaxonomyPage })
  @ApiProblemResponses(400)
  taxonomies(@Query() query: HsdsPageQuery): HsdsPage<HsdsTaxonomy> {
    return pageOf([THEME_TAXONOMY], query);
  }

  @Get('taxonomies/:id')
  @ApiOperation({ summary: 'A taxonomy' })
  @ApiOkResponse({ type: HsdsTaxonomyView })
  @ApiProblemResponses(400, 404)
  taxonomy(@UuidParam('id') id: string): HsdsTaxonomy {
    if (id !== THEME_TAXONOMY.id) throw new CatalogueObjectNotFound('taxonomy');
    return THEME_TAXONOMY;
  }

  @Get('taxonomy_terms')
  @ApiOperation({ summary: 'A page of taxonomy terms: the themes' })
  @ApiOkResponse({ type: HsdsTaxonomyTermPage })
  @ApiProblemResponses(400)
  taxonomyTerms(@Query() query: HsdsPageQuery): HsdsPage<HsdsTaxonomyTerm> {
    return pageOf(THEME_TERM_LIST, query);
  }

  @Get('taxonomy_terms/:id')
  @ApiOperation({ summary: 'A taxonomy term, with its taxonomy' })
  @ApiOkResponse({ type: HsdsTaxonomyTermView })
  @ApiProblemResponses(400, 404)
  taxonomyTerm(@UuidParam('id') id: string): HsdsTaxonomyTerm {
    const term = THEME_TERM_LIST.find((t) => t.id === id);
    if (!term) throw new CatalogueObjectNotFound('taxonomy term');
    return themeTerm(term.code as Theme, true);
  }

  private list(query: HsdsServiceFilter, shape: ServiceShape) {
    const command = new ListServicesCommand({
      taxonomyTerm: query.taxonomy_term_id,
      age: query.age,
      municipalityCode: query.municipalityCode,
      withFreeSeats: query.withFreeSeats,
      organizationId: query.organization_id,
      page: query.page,
      perPage: query.per_page,
      shape,
    });
    return this.units.run((uow) => this.listServices.execute(command, uow));
  }
}
