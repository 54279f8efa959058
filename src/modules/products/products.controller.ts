import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { type RequestUrls, Urls } from '../../common/http/request-urls.js';
import { readUploadedFile } from '../../common/media/multipart.js';
import { ApiPaginatedResponse, type Page, pageRequest } from '../../common/pagination/pagination.js';
import { ApiAuthErrors, ApiNotFound, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { ProductQueryDto } from './dto/product-query.dto.js';
import { CreateProductDto, UpdateProductDto } from './dto/product-write.dto.js';
import { ProductDto } from './dto/product.dto.js';
import { ProductsService } from './products.service.js';

const DEFAULT_PAGE_SIZE = 15;

@ApiTags('Products')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/products')
export class ProductsController {
  constructor(
    private readonly products: ProductsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('/')
  @ApiOperation({
    summary: 'List products',
    description: "The organization's products with nested inventory summaries and marketplace presences (default 15 a page, at most 100).",
  })
  @ApiPaginatedResponse(ProductDto)
  @ApiValidationError('An invalid filter or ordering value, named by its parameter.')
  list(@CurrentAuth() auth: AuthContext, @Query() query: ProductQueryDto, @Urls() urls: RequestUrls): Promise<Page<ProductDto>> {
    return this.products.list(auth, query, pageRequest(query, DEFAULT_PAGE_SIZE), urls);
  }

  @Post('/')
  @ApiOperation({ summary: 'Create a product', description: 'Only `title` is required; `type` defaults to `digital`.' })
  @ApiCreatedResponse({ type: ProductDto, description: 'The created product.' })
  @ApiValidationError()
  create(@CurrentAuth() auth: AuthContext, @Body() body: CreateProductDto, @Urls() urls: RequestUrls): Promise<ProductDto> {
    return this.products.create(auth, body, urls);
  }

  @Get(':uid/')
  @ApiOperation({ summary: 'Get a product', description: "The full product; another organization's product is a 404." })
  @ApiOkResponse({ type: ProductDto, description: 'The product.' })
  @ApiNotFound()
  get(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string, @Urls() urls: RequestUrls): Promise<ProductDto> {
    return this.products.get(auth, uid, urls);
  }

  @Patch(':uid/')
  @ApiOperation({ summary: 'Update a product', description: 'Partial update: only the fields sent change.' })
  @ApiOkResponse({ type: ProductDto, description: 'The updated product.' })
  @ApiValidationError()
  @ApiNotFound()
  update(
    @CurrentAuth() auth: AuthContext,
    @Param('uid') uid: string,
    @Body() body: UpdateProductDto,
    @Urls() urls: RequestUrls,
  ): Promise<ProductDto> {
    return this.products.update(auth, uid, body, urls);
  }

  @Delete(':uid/')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a product',
    description: 'Permanent: its inventory items, their photos and its marketplace presences go too.',
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFound()
  delete(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string): Promise<void> {
    return this.products.delete(auth, uid);
  }

  @Post(':uid/image/')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Upload the product image',
    description:
      'Uploads or replaces the primary image (multipart field `image`). JPEG, PNG, WebP, HEIC/HEIF or GIF, recognised by content; ' +
      'a thumbnail is made. Returns the product, whose `product_image` is the new image URL.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['image'],
      properties: { image: { type: 'string', format: 'binary', description: 'The image file.' } },
    },
  })
  @ApiOkResponse({ type: ProductDto, description: 'The product, with its new `product_image`.' })
  @ApiValidationError('No file, not multipart, too large, or not a supported image.')
  @ApiNotFound()
  async uploadImage(
    @CurrentAuth() auth: AuthContext,
    @Param('uid') uid: string,
    @Req() request: FastifyRequest,
    @Urls() urls: RequestUrls,
  ): Promise<ProductDto> {
    await this.products.owned(auth, uid); // another organization's product is a 404 before the upload is read
    const file = await readUploadedFile(request, 'image', this.config.mediaMaxBytes);
    return this.products.setImage(auth, uid, file.data, urls);
  }
}
