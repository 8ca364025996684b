import { useEffect, useId, useState } from 'react';
import {
  USER_ROLES,
  USER_ROLE_LABELS,
  readUserProfile,
  saveUserProfile,
  type UserProfile,
  type UserRole,
} from '../storage/audit.ts';
import { appDb } from '../storage/db.ts';

/**
 * The local user profile: who every clinical change and scenario save or delete on this
 * browser is attributed to in the audit trail. Self-declared (there is no sign-in), and the
 * change of profile is itself audited.
 */
export function UserProfileForm() {
  const nameId = useId();
  const roleId = useId();
  const [profile, setProfile] = useState<UserProfile | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [name, setName] = useState('');
  const [role, setRole] = useState<UserRole>('physician');
  const [message, setMessage] = useState('');
  const [problems, setProblems] = useState<{ path: string; message: string }[]>([]);

  useEffect(() => {
    let live = true;
    readUserProfile(appDb())
      .then((p) => {
        if (!live) return;
        setProfile(p);
        if (p) {
          setName(p.name);
          setRole(p.role);
        }
        setLoaded(true);
      })
      .catch((e: unknown) => live && setMessage((e as Error).message));
    return () => {
      live = false;
    };
  }, []);

  const onSave = async () => {
    const r = await saveUserProfile({ name, role }, appDb());
    if (r.ok) {
      setProfile(r.profile);
      setProblems([]);
      setMessage(
        `Changes are now recorded as ${r.profile.name} (${USER_ROLE_LABELS[r.profile.role]}).`,
      );
    } else {
      setProblems(r.issues);
      setMessage('Profile not saved:');
    }
  };

  const nameProblem = problems.find((p) => p.path === 'name');
  return (
    <form
      className="card profile-form"
      aria-labelledby={`${nameId}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        void onSave();
      }}
    >
      <h2 id={`${nameId}-h`}>Who is making changes</h2>
      <p className="muted" data-testid="profile-current">
        {!loaded
          ? 'Reading the profile…'
          : profile
            ? `Every change on this browser is recorded in the audit trail as ${profile.name} (${USER_ROLE_LABELS[profile.role]}).`
            : 'No profile set: changes are recorded as “(no profile set)”. Enter your name and role.'}
      </p>
      <div className="grid">
        <div className="field">
          <label htmlFor={nameId}>Your name</label>
          <input
            id={nameId}
            value={name}
            maxLength={80}
            autoComplete="name"
            aria-invalid={nameProblem ? true : undefined}
            aria-describedby={nameProblem ? `${nameId}-err` : undefined}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={roleId}>Role</label>
          <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
            {USER_ROLES.map((r) => (
              <option key={r} value={r}>
                {USER_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">Save profile</button>
        </div>
      </div>
      <div role="status" aria-live="polite">
        {message && <p className={problems.length ? 'error' : ''}>{message}</p>}
        {problems.length > 0 && (
          <ul className="issues" id={`${nameId}-err`}>
            {problems.map((p) => (
              <li key={p.path}>
                <code>{p.path}</code>: {p.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="muted">
        The profile is self-declared (this app has no sign-in) and kept on this device only.
      </p>
    </form>
  );
}
