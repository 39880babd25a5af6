/** AWS: ECS on Fargate behind an Application Load Balancer, everything provisioned by Terraform. */
import type { Target } from '../types.js';
import { AWS_PLATFORM_ENV } from './model.js';
import { renderAws } from './render.js';

export const target = {
  id: 'aws',
  title: 'AWS ECS on Fargate',
  description:
    'Terraform for ECR, a VPC (or yours), an ALB with HTTPS (ACM) and a websocket-long idle timeout, ECS on Fargate (task definition with env and Secrets Manager secrets, service with circuit-breaker rollback), RDS, ElastiCache, Cloud Map clustering and EFS where the app needs them; migrations as a one-off task before each deploy.',
  includes: ['docker'],
  platformEnv: AWS_PLATFORM_ENV,
  render: renderAws,
} satisfies Target;
