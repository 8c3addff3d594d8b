import amqp from 'amqplib';
import { busTopology } from './topology';

/** Deletes the exchanges and queues a test created under its namespace. */
export async function deleteBusNamespace(
  rabbitmqUrl: string,
  namespace: string,
  services: string[],
): Promise<void> {
  const topology = busTopology(namespace);
  const connection = await amqp.connect(rabbitmqUrl);
  try {
    const channel = await connection.createChannel();
    for (const service of services) {
      for (const queue of [
        topology.rpcQueue(service),
        topology.eventsQueue(service),
        topology.deadLetterQueue(service),
      ]) {
        await channel.deleteQueue(queue);
      }
    }
    await channel.deleteExchange(topology.eventsExchange);
    await channel.deleteExchange(topology.deadLetterExchange);
    await channel.close();
  } finally {
    await connection.close();
  }
}
