/** The sandbox LinkedIn account's network (connections, pending invitations) and the API account's private pools. */
import type { Invitation, Network, PrivateAccountPool } from "../store.js";
import { DAY_MS, SANDBOX_NOW } from "../time.js";
import { SELF_INDEX } from "./fixtures.js";
import { chars, digits, sampleDistinct, type Prng } from "./random.js";

const CONNECTIONS = 60;
const RECEIVED = 4;
const SENT = 3;

export function newInvitation(prng: Prng, person: number, sentAt: number): Invitation {
  return { invitationId: `7${digits(prng, 18)}`, sharedSecret: chars(prng, 8), person, sentAt };
}

export function seedNetwork(prng: Prng, peopleCount: number): Network {
  const others = sampleDistinct(prng, CONNECTIONS + RECEIVED + SENT, peopleCount, new Set([SELF_INDEX]));
  const invitation = (person: number) => newInvitation(prng, person, SANDBOX_NOW - prng.int(1, 20) * DAY_MS);
  return {
    me: SELF_INDEX,
    connections: new Set(others.slice(0, CONNECTIONS)),
    received: others.slice(CONNECTIONS, CONNECTIONS + RECEIVED).map(invitation),
    sent: others.slice(CONNECTIONS + RECEIVED).map(invitation),
  };
}

export function seedPools(prng: Prng): PrivateAccountPool[] {
  const account = (name: string) => ({ id: chars(prng, 24, "0123456789abcdef"), name, status: "active" as const });
  return [
    { id: `pool_${chars(prng, 10)}`, name: "Sales team", accounts: [account("Sales account 1"), account("Sales account 2")] },
    { id: `pool_${chars(prng, 10)}`, name: "Recruiting", accounts: [account("Recruiter account"), { ...account("Spare account"), status: "paused" }] },
  ];
}
