import type { z } from 'zod';
import { Device } from '../auth/devices.contract.ts';
import { Profile, PublicUser, SessionTokens } from '../auth/schemas.ts';
import { SessionView } from '../auth/sessions.contract.ts';
import {
  ChatMember,
  ChatSettings,
  Friend,
  FriendRequest,
  Invitation,
  Message,
  ReadReceipt,
  Room,
  RoomSummary,
} from '../chat/chat-models.ts';
import { ErrorBody } from '../errors.ts';
import { JwkSet } from '../platform/jwks.contract.ts';
import { UploadView } from '../platform/uploads.contract.ts';
import { Playlist, PlaylistDetail, PlaylistItem } from '../playco/playlist.schemas.ts';

/**
 * The models clients meet in many replies, by the name the API documents give them (OpenAPI
 * `components.schemas`): a reply that holds one refers to it by name instead of repeating it.
 * Models only socket events carry are named in the AsyncAPI document instead. A new domain adds
 * its models here (the cards service: profiles, cards).
 */
export const documentedModels: Record<string, z.ZodType> = {
  User: PublicUser,
  Profile,
  SessionTokens,
  Session: SessionView,
  Device,
  Upload: UploadView,
  Playlist,
  PlaylistItem,
  PlaylistDetail,
  Room,
  RoomSummary,
  RoomMember: ChatMember,
  Friend,
  FriendRequest,
  Invitation,
  Message,
  ReadReceipt,
  ChatSettings,
  JwkSet,
  Error: ErrorBody,
};
