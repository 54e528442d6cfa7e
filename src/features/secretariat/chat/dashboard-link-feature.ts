import type { ConversationFeature } from '../../../conversation/turn';
import { LOGIN_LINK_MINUTES, type LoginLinks, type WebAccessMode } from '../../contacts/web-sessions';

/**
 * `/bangdieukhien` for secretariat members: replies with a one-time dashboard login link. In the
 * demo the web secretariat is already signed in, so it just points at the dashboard.
 */
export function createDashboardLinkFeature(links: LoginLinks, mode: WebAccessMode): ConversationFeature {
  return {
    commands: {
      bangdieukhien: async (turn) => {
        if (mode === 'demo' && turn.contact.platform === 'web') {
          return [
            { text: 'Bảng điều khiển: bấm nút «Bảng điều khiển» ở đầu trang, hoặc mở /bang-dieu-khien.' },
          ];
        }
        const url = await links.createDashboardLoginLink(turn.contact._id);
        return [
          {
            text: `Liên kết đăng nhập bảng điều khiển (dùng một lần, hết hạn sau ${LOGIN_LINK_MINUTES} phút; không chuyển cho người khác):\n${url}`,
          },
        ];
      },
    },
  };
}
