// A realistic demo catalog: compute, storage, network and database services, marketplace goods
// (two of them 严选) and a stored-value card. Prices in fen.
import type { Kysely } from 'kysely';
import type { BillingMode, DB, PriceUnit, ProductCategory, ProductKind } from '../../db/schema.ts';
import { newPrefixedId } from '../../shared/ids.ts';

type Spec = [code: string, zh: string, en: string, mode: BillingMode, unit: PriceUnit, list: number, floor?: number];
interface DemoProduct {
  kind: ProductKind;
  code: string;
  category: ProductCategory;
  zh: string;
  en: string;
  yanxuan?: boolean;
  specs: Spec[];
}

const yuan = (n: number) => BigInt(Math.round(n * 100));

const PRODUCTS: DemoProduct[] = [
  {
    kind: 'cloud_service', code: 'hws.service.type.ec2', category: 'compute', zh: '弹性云服务器 ECS', en: 'Elastic Cloud Server (ECS)',
    specs: [
      ['s6.large.2.monthly', '通用计算型 s6.large.2 (2vCPU 4GiB) 包月', 's6.large.2 (2 vCPUs, 4 GiB), monthly', 'yearly_monthly', 'month', 150],
      ['s6.large.2.yearly', '通用计算型 s6.large.2 (2vCPU 4GiB) 包年', 's6.large.2 (2 vCPUs, 4 GiB), yearly', 'yearly_monthly', 'year', 1530],
      ['s6.large.2.hourly', '通用计算型 s6.large.2 按需', 's6.large.2, pay-per-use', 'on_demand', 'hour', 0.35],
      ['c7.xlarge.4.monthly', '计算增强型 c7.xlarge.4 (4vCPU 16GiB) 包月', 'c7.xlarge.4 (4 vCPUs, 16 GiB), monthly', 'yearly_monthly', 'month', 620],
    ],
  },
  {
    kind: 'cloud_service', code: 'hws.service.type.ebs', category: 'storage', zh: '云硬盘 EVS', en: 'Elastic Volume Service (EVS)',
    specs: [
      ['ssd.100g.monthly', '超高IO 100GB 包月', 'Ultra-high I/O 100 GB, monthly', 'yearly_monthly', 'month', 100],
      ['ssd.100g.hourly', '超高IO 100GB 按需', 'Ultra-high I/O 100 GB, pay-per-use', 'on_demand', 'hour', 0.14],
    ],
  },
  {
    kind: 'cloud_service', code: 'hws.service.type.obs', category: 'storage', zh: '对象存储服务 OBS', en: 'Object Storage Service (OBS)',
    specs: [['standard.1t.hourly', '标准存储 1TB 按需', 'Standard storage 1 TB, pay-per-use', 'on_demand', 'hour', 0.13]],
  },
  {
    kind: 'cloud_service', code: 'hws.service.type.vpc', category: 'network', zh: '弹性公网IP EIP', en: 'Elastic IP (EIP)',
    specs: [
      ['bw.5m.monthly', '独享带宽 5Mbit/s 包月', 'Dedicated bandwidth 5 Mbit/s, monthly', 'yearly_monthly', 'month', 115],
      ['bw.traffic.hourly', '按流量计费', 'Billed by traffic', 'on_demand', 'hour', 0.8],
    ],
  },
  {
    kind: 'cloud_service', code: 'hws.service.type.rds', category: 'database', zh: '云数据库 RDS for MySQL', en: 'RDS for MySQL',
    specs: [
      ['mysql.2c4g.ha.monthly', '主备 2vCPU 4GB 包月', 'Primary/standby 2 vCPUs 4 GB, monthly', 'yearly_monthly', 'month', 560],
      ['mysql.2c4g.ha.yearly', '主备 2vCPU 4GB 包年', 'Primary/standby 2 vCPUs 4 GB, yearly', 'yearly_monthly', 'year', 5712],
    ],
  },
  {
    kind: 'cloud_service', code: 'hws.service.type.gaussdb', category: 'database', zh: '云数据库 GaussDB', en: 'GaussDB',
    specs: [['gaussdb.4c16g.monthly', '集中式 4vCPU 16GB 包月', 'Centralized 4 vCPUs 16 GB, monthly', 'yearly_monthly', 'month', 2380]],
  },
  {
    kind: 'marketplace', code: 'hws.service.type.marketplace', category: 'software', zh: '企业邮箱 标准版 (严选)', en: 'Business Mail, Standard (严选)', yanxuan: true,
    specs: [['mail.std.50users.yearly', '50用户 包年', '50 users, yearly', 'yearly_monthly', 'year', 1200, 960]],
  },
  {
    kind: 'marketplace', code: 'hws.service.type.marketplace', category: 'software', zh: '网站建设 SaaS 专业版 (严选)', en: 'Website Builder SaaS, Professional (严选)', yanxuan: true,
    specs: [['site.pro.yearly', '专业版 包年', 'Professional, yearly', 'yearly_monthly', 'year', 3000, 2400]],
  },
  {
    kind: 'marketplace', code: 'hws.service.type.marketplace', category: 'software', zh: '数据备份工具', en: 'Data Backup Tool',
    specs: [['backup.license', '永久授权', 'Perpetual licence', 'one_off', 'one_off', 899]],
  },
  {
    kind: 'stored_value_card', code: 'hws.service.type.svc', category: 'card', zh: '储值卡', en: 'Stored-value card',
    specs: [['card.1000', '面值1000元', 'Face value ¥1,000', 'one_off', 'one_off', 1000]],
  },
];

export async function loadDemoCatalog(db: Kysely<DB>): Promise<void> {
  for (const p of PRODUCTS) {
    const id = newPrefixedId('PRD');
    await db
      .insertInto('product')
      .values({ id, kind: p.kind, service_type_code: p.code, category: p.category, name_zh: p.zh, name_en: p.en, is_yanxuan: p.yanxuan ?? false, updated_at: new Date() })
      .execute();
    for (const [code, zh, en, mode, unit, list, floor] of p.specs) {
      await db
        .insertInto('product_spec')
        .values({
          id: newPrefixedId('SPC'),
          product_id: id,
          code,
          name_zh: zh,
          name_en: en,
          billing_mode: mode,
          price_unit: unit,
          list_price: yuan(list),
          floor_price: floor === undefined ? null : yuan(floor),
          updated_at: new Date(),
        })
        .execute();
    }
  }
}
