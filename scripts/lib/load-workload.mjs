/**
 * The applications of the load test and the benchmark: whole applications of the three services in
 * turn, each from a different made-up person (valid fictional ID numbers), and the small tools to
 * run them with a fixed concurrency and read latencies.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

const { checkCharacter } = await import('../../src/domain/identity/id-number.ts');
const site = parse(await readFile(new URL('../../content/site.yaml', import.meta.url), 'utf8'));

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['明', '华', '芳', '军', '丽', '强', '敏', '静', '伟', '霞'];

/** A valid fictional ID number: born 1950–1999, sequence from i (odd: male, even: female). */
export function idNumber(i) {
  const year = 1950 + (i % 50);
  const month = String((i % 12) + 1).padStart(2, '0');
  const day = String((i % 28) + 1).padStart(2, '0');
  const first17 = `110105${year}${month}${day}${String(i % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** The i-th application: the three services in turn, each applicant a different made-up person. */
export function application(i) {
  const id = idNumber(i);
  const name = `${SURNAMES[i % 10]}${GIVEN[Math.floor(i / 10) % 10]}${GIVEN[(i * 7) % 10]}`;
  const phone = `139${String(10_000_000 + i).slice(-8)}`;
  const pickupFor = (service) => {
    const points = site.pickupPoints.filter((p) => p.services.includes(service));
    return points[i % points.length].id;
  };
  switch (i % 3) {
    case 0:
      return {
        service: 'transit-card',
        action: 'new',
        answers: {
          certificate: { certificate_number: `${id}12` },
          who: { applying_for: 'self' },
          applicant: { name, phone },
          township: { township: 'chengguan' },
          pickup: { pickup_point: pickupFor('transit-card') },
          declaration: { confirm: 'yes' },
        },
      };
    case 1:
      return {
        service: 'certificate',
        action: 'new',
        answers: {
          who: { applying_for: 'self' },
          applicant: { name, id_number: id, phone, hukou_address: `示例县人民路 ${i + 1} 号` },
          township: { township: 'chengguan' },
          category: { category: '4' },
          assessment: { hospital: site.assessmentHospitals.find((h) => h.categories.includes(4)).id, home_visit: 'no' },
          declaration: { confirm: 'yes' },
        },
      };
    default:
      return {
        service: 'assistive-devices',
        answers: {
          who: { applying_for: 'self' },
          certificate: { has_certificate: 'yes', certificate_number: `${id}42` },
          applicant: { name, phone, home_address: `示例县幸福路 ${i + 1} 号` },
          township: { township: 'chengguan' },
          device: { devices: ['walker'] },
          previous: { had_before: 'no' },
          assessment: { home_assessment: 'no' },
          delivery: { method: 'pickup', pickup_point: pickupFor('assistive-devices') },
          declaration: { confirm: 'yes' },
        },
      };
  }
}

/**
 * The i-th made-up client address (X-Nf-Client-Connection-Ip): each application comes from an
 * address of its own, so the hourly limit per address (30 through the API) is not what is measured.
 * On Netlify that header is the real address: a deployed site answers 429 after 30 an hour from one machine.
 */
export const clientAddress = (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/** Run tasks with at most `limit` in flight. */
export async function runPool(tasks, limit) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, tasks.length) }, async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      await task();
    }
  });
  await Promise.all(workers);
}

/** p-th percentile (nearest rank) of latencies in ms. */
export function percentile(latencies, p) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
