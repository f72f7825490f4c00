/**
 * Sign-in identities from an OpenID Connect provider (issuer + subject → user), and which signed-in users
 * opened which share link, so a session shared with someone can be listed for them.
 */
export const identitiesAndShareVisits = `
CREATE TABLE user_identities (
  issuer text NOT NULL,
  subject text NOT NULL,
  org_id uuid NOT NULL REFERENCES organisations (id),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  email text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX user_identities_user ON user_identities (org_id, user_id);

CREATE TABLE share_link_visits (
  share_link_id uuid NOT NULL REFERENCES share_links (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations (id),
  first_opened_at timestamptz NOT NULL DEFAULT now(),
  last_opened_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (share_link_id, user_id)
);
CREATE INDEX share_link_visits_user ON share_link_visits (org_id, user_id);
`;
