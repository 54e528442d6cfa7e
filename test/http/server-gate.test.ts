import pino from 'pino';
import { HttpServer } from '../../src/http/server';

it('holds requests that arrive between bind and open until every route is registered', async () => {
  const http = new HttpServer(pino({ level: 'silent' }));
  const { port } = await http.bind('127.0.0.1', 0);
  try {
    const early = fetch(`http://127.0.0.1:${port}/late`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    http.route('GET', '/late', (_request, response) => {
      response.writeHead(200).end('ok');
    });
    http.open();
    const response = await early;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
  } finally {
    await http.close();
  }
});
