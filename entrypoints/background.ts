import { registerWorkerHandlers } from '@/lib/worker/handlers';

export default defineBackground(() => {
  registerWorkerHandlers();
});
