import { ESLint } from 'eslint';

/** The project's own lint configuration, on code placed where the boundary rule looks. */
async function problems(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint();
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((message) => message.ruleId === 'instica/module-boundaries').map((message) => message.message);
}

describe('the module-boundaries lint rule', () => {
  it('lets a module use another through its public index', async () => {
    expect(
      await problems('src/modules/products/products.service.ts', "export { InventoryService } from '../inventory/index.js';\n"),
    ).toEqual([]);
    expect(await problems('src/modules/products/dto/x.dto.ts', "export { PlatformDto } from '../../platforms/index.js';\n")).toEqual([]);
  });

  it("refuses a deep import of another module's repository, entity, mapper or rules", async () => {
    for (const target of ['inventory.repository.js', 'entities/inventory-item.entity.js', 'inventory.mapper.js', 'inventory.rules.js']) {
      expect(await problems('src/modules/products/products.service.ts', `export * from '../inventory/${target}';\n`)).toEqual([
        expect.stringContaining("Use module 'inventory' through its public index"),
      ]);
    }
    expect(
      await problems('src/modules/products/products.service.ts', "export const load = () => import('../users/users.repository.js');\n"),
    ).toHaveLength(1);
  });

  it("lets only entities relate to another module's entities", async () => {
    const code = "export { Organization } from '../../organizations/entities/organization.entity.js';\n";
    expect(await problems('src/modules/products/entities/x.entity.ts', code)).toEqual([]);
    expect(await problems('src/modules/products/dto/x.dto.ts', code)).toHaveLength(1);
  });

  it('keeps common, infra and config free of domain modules, even of their index', async () => {
    for (const file of ['src/common/http/x.ts', 'src/infra/database/x.ts', 'src/config/x.ts']) {
      const depth = file.split('/').length - 2;
      const code = `export { ProductsService } from '${'../'.repeat(depth)}modules/products/index.js';\n`;
      expect(await problems(file, code)).toEqual([expect.stringMatching(/must not depend on a domain module/)]);
    }
  });
});
