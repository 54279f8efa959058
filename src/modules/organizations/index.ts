/** What other modules may use of organizations. */
export { OrganizationDto } from './dto/organization.dto.js';
export { OrganizationsModule } from './organizations.module.js';
export { OrganizationsService } from './organizations.service.js';
