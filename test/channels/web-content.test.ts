import { toContent } from '../../src/channels/web/chat-content';

const id = 'msg-12345678';
const content = (body: Record<string, unknown>) => toContent({ id, ...body }, 1024)?.content;

describe('web chat: what a typed message means', () => {
  it.each([
    ['/baocao', { type: 'command', command: 'baocao', args: '' }],
    ['/sua 5', { type: 'command', command: 'sua', args: '5' }],
    ['xem lại', { type: 'command', command: 'xem', args: '' }],
    ['Nộp', { type: 'command', command: 'nop', args: '' }],
    ['sửa câu 12', { type: 'command', command: 'sua', args: '12' }],
    ['/start AbCdEfGh12345678', { type: 'command', command: 'start', args: 'AbCdEfGh12345678' }],
    ['Đơn vị đã xem lại quy chế dân chủ', { type: 'text', text: 'Đơn vị đã xem lại quy chế dân chủ' }],
    ['12', { type: 'text', text: '12' }],
  ])('%s', (text, expected) => {
    expect(content({ text })).toEqual(expected);
  });

  it('takes buttons and commands from the page, and refuses malformed bodies', () => {
    expect(content({ button: 'f:a:cq_don_vi:2' })).toEqual({ type: 'button', data: 'f:a:cq_don_vi:2' });
    expect(content({ command: 'trogiup' })).toEqual({ type: 'command', command: 'trogiup', args: '' });
    expect(toContent({ id: 'short', text: 'x' }, 1024)).toBeNull();
    expect(toContent({ id, text: '   ' }, 1024)).toBeNull();
    expect(toContent({ id, button: 'x'.repeat(65) }, 1024)).toBeNull();
  });
});
