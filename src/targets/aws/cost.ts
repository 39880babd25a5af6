/** How cost prices the aws target: the AWS table and the ECS/Fargate resource kinds (listed by scripts/gen-targets-index.mjs). */
import type { TargetPricing } from '../../cost/target-pricing.js';
import { priceAws, priceAwsEgress, type AwsResource, awsTable } from './cost/price.js';

export const pricing = {
  order: 6,
  provider: 'aws',
  tables: [awsTable],
  kinds: {
    'fargate-service': 'ECS on Fargate tasks',
    'aws-alb': 'Application Load Balancer',
    'aws-nat-gateway': 'NAT gateway',
    'aws-rds': 'RDS',
    'aws-elasticache': 'ElastiCache (Redis)',
    'aws-efs': 'EFS',
    'aws-ecr': 'ECR',
    'aws-secrets-manager': 'Secrets Manager',
    'aws-cloudwatch-logs': 'CloudWatch Logs',
  },
  price: priceAws,
  egress: priceAwsEgress,
} satisfies TargetPricing<AwsResource['kind']>;
