import { check } from '../../../src/verify/checks/session-cookie-flags-missing.js';
import type { Artifacts } from '../../../src/verify/types.js';
import { pageEx, table } from '../harness.js';

const cookie = (line: string) => (a: Artifacts) => void (pageEx(a).response!.setCookie = [line]);

table(check, {
  valid: [
    { name: 'Secure, HttpOnly, SameSite=Lax' },
    { name: 'SameSite=Strict, other attribute order and case', edit: cookie('_app_key=SFMyNTY.a.b; SameSite=Strict; HTTPONLY; Secure; path=/') },
    { name: 'SameSite=None with Secure', edit: cookie('_app_key=SFMyNTY.a.b; path=/; secure; HttpOnly; SameSite=None') },
    {
      name: 'an unflagged cookie that is not the session cookie',
      edit: (a) => void pageEx(a).response!.setCookie.push('locale=en; path=/'),
    },
  ],
  invalid: [
    { name: 'no flags at all (Plug.Session with http_only: false)', edit: cookie('_app_key=SFMyNTY.a.b; path=/'), match: /the session cookie _app_key is set without Secure, HttpOnly, SameSite=Lax/ },
    { name: "Plug.Session's default flags (HttpOnly only)", edit: cookie('_app_key=SFMyNTY.a.b; path=/; HttpOnly'), match: /without Secure, SameSite=Lax$/ },
    { name: 'SameSite=None without Secure', edit: cookie('_app_key=SFMyNTY.a.b; path=/; HttpOnly; SameSite=None'), match: /Secure, Secure with SameSite=None/ },
    {
      name: 'without a profile, found by its signed value',
      edit: (a) => {
        a.expect.sessionCookie = null;
        pageEx(a).response!.setCookie = ['session=SFMyNTY.a.b; path=/; HttpOnly'];
      },
      match: /session cookie session is set without Secure/,
    },
  ],
  notApplicable: [
    { name: 'no session cookie', edit: (a) => void (pageEx(a).response!.setCookie = []), match: /no _app_key cookie/ },
    { name: 'only a deletion of the cookie', edit: cookie('_app_key=; path=/; max-age=0') },
  ],
});
