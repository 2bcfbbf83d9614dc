import { DetailSkeleton } from '@/components/detail/detail-frame';

export default function Loading() {
  return <DetailSkeleton />;
}
