import { startWorker } from '@/lib/worker/start-worker';

export default defineBackground(() => {
  startWorker();
});
