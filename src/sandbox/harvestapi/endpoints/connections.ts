/**
 * Acting as the user's LinkedIn account (its li_at cookie in `cookie`): send, list and accept connection
 * invitations, and message first-degree connections. Refusals LinkedIn would give are HTTP 400s.
 */
import { randomUUID } from "node:crypto";
import { PRICES, fixedCharge } from "../costs.js";
import type { Endpoint, EndpointContext } from "../endpoint.js";
import type { Answer } from "../envelope.js";
import { badRequest } from "../errors.js";
import { required } from "../params.js";
import { fullName } from "../render/people.js";
import { findProfile } from "../resolve.js";
import { newInvitation } from "../seed/network.js";
import type { Invitation, Person, Store } from "../store.js";
import { profileUrl } from "../urls.js";

const standard = fixedCharge(PRICES.standard, "linkedin-request");

function asAccount(method: Endpoint["method"], path: string, answer: (ctx: EndpointContext) => Answer): Endpoint {
  return { method, path, cost: standard, linkedInSession: true, answer };
}

const me = (store: Store): Person => store.person(store.tables.network.me);

const item = (element: object, entityId: string): Answer => ({ kind: "item", element, entityId });

const person = (someone: Person) => ({
  firstName: someone.firstName,
  lastName: someone.lastName,
  id: someone.id,
  publicIdentifier: someone.publicIdentifier,
  linkedinUrl: profileUrl(someone),
});

function sendConnection({ store, query }: EndpointContext): Answer {
  const invitee = findProfile(store, required(query, "profile"));
  if (!invitee) return { kind: "missing", shape: "item" };
  const { network } = store.tables;
  const pending = (invitations: Invitation[]) => invitations.some((invitation) => invitation.person === invitee.index);
  if (invitee.index === network.me) throw badRequest("You cannot send a connection request to yourself");
  if (network.connections.has(invitee.index)) throw badRequest(`${fullName(invitee)} is already a first-degree connection`);
  if (pending(network.sent)) throw badRequest(`An invitation to ${fullName(invitee)} is already pending`);
  if (pending(network.received)) throw badRequest(`${fullName(invitee)} has already invited you: accept their invitation instead`);
  const invitation = newInvitation(store.prng, invitee.index, Date.now());
  network.sent.push(invitation);
  return item({ connectionId: invitation.invitationId }, invitation.invitationId);
}

function sentConnections({ store }: EndpointContext): Answer {
  const self = me(store);
  const sentInvitations = store.tables.network.sent.map((invitation) => {
    const invitee = store.person(invitation.person);
    return {
      invitationId: invitation.invitationId,
      sharedSecret: invitation.sharedSecret,
      firstName: invitee.firstName,
      lastName: invitee.lastName,
      inviterId: self.id,
      invitee: person(invitee),
      sentAt: invitation.sentAt,
    };
  });
  return item({ sentInvitations, myProfile: person(self) }, self.id);
}

function receivedConnections({ store }: EndpointContext): Answer {
  const self = me(store);
  const receivedInvitations = store.tables.network.received.map((invitation) => {
    const sender = store.person(invitation.person);
    return { invitationId: invitation.invitationId, invitationSenderId: sender.id, sharedSecret: invitation.sharedSecret, sender: person(sender), sentAt: invitation.sentAt };
  });
  return item({ receivedInvitations, myProfile: { id: self.id, firstName: self.firstName, lastName: self.lastName } }, self.id);
}

function acceptConnection({ store, query }: EndpointContext): Answer {
  const invitationId = required(query, "invitationId");
  const sharedSecret = required(query, "sharedSecret");
  const { network } = store.tables;
  const index = network.received.findIndex((invitation) => invitation.invitationId === invitationId && invitation.sharedSecret === sharedSecret);
  if (index < 0) throw badRequest("No received invitation has this invitationId and sharedSecret: take both from /linkedin/received-connections");
  const [invitation] = network.received.splice(index, 1);
  network.connections.add(invitation!.person);
  const sender = store.person(invitation!.person);
  const memberUrn = `urn:li:fsd_profile:${sender.id}`;
  return item({ createdAt: Date.now(), connectedMember: memberUrn, entityUrn: `urn:li:fsd_connection:${sender.id}`, "*connectedMemberResolutionResult": memberUrn }, sender.id);
}

function sendMessage({ store, query }: EndpointContext): Answer {
  const recipient = findProfile(store, required(query, "recipientProfile"));
  const text = required(query, "message");
  if (!recipient) return { kind: "missing", shape: "item" };
  if (!store.tables.network.connections.has(recipient.index)) {
    throw badRequest(`Cannot message ${fullName(recipient)}: LinkedIn only allows messages to first-degree connections. Send a connection request first.`);
  }
  const self = me(store);
  const conversation = `urn:li:msg_conversation:(urn:li:fsd_profile:${self.id},2-${Buffer.from(recipient.id).toString("base64url").slice(0, 24)})`;
  const messageId = `2-${randomUUID()}`;
  return item(
    {
      originToken: randomUUID(),
      body: { attributes: [], text },
      backendUrn: `urn:li:messagingMessage:${messageId}`,
      conversationUrn: conversation,
      deliveredAt: Date.now(),
      renderContentUnions: [],
      renderContentFallbackText: null,
      entityUrn: `urn:li:msg_message:(urn:li:fsd_profile:${self.id},${messageId})`,
      backendConversationUrn: conversation.replace("msg_conversation", "messagingThread"),
      senderUrn: `urn:li:msg_messagingParticipant:urn:li:fsd_profile:${self.id}`,
    },
    messageId,
  );
}

export const connectionEndpoints: Endpoint[] = [
  asAccount("POST", "/linkedin/send-connection", sendConnection),
  asAccount("GET", "/linkedin/sent-connections", sentConnections),
  asAccount("GET", "/linkedin/received-connections", receivedConnections),
  asAccount("POST", "/linkedin/accept-connection", acceptConnection),
  asAccount("POST", "/linkedin/send-message", sendMessage),
];
