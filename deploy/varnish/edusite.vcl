vcl 4.1;
# Varnish in front of gunicorn for the 义务教育领域政务公开 site (docs/caching.md).
#
# Needs Debian's `varnish` and `varnish-modules` (for vmod var):
#   sudo apt-get install varnish varnish-modules
#
# What is stored: only what the application marks as storable —
# `Surrogate-Control: max-age=N` with the content generation it was
# rendered for (`X-Content-Generation`), status 200 and no Set-Cookie. The
# application never marks a response for a logged-in user, a preview, a
# view-restricted page, an error, a page with a form that needs a CSRF token
# or a session, or anything it was told not to cache (private, no-cache,
# no-store): those pass through.
#
# Invalidation: after every committed change the application sends one
# PURGE with the new generation (caching.frontend, VARNISH_URL). Varnish
# remembers the newest generation it was told of, bans every object of
# another one, never delivers an object of an older one (a request that finds
# one is restarted as a miss), and never stores a late response of an older
# one. An object is also never kept past the next scheduled change
# (Surrogate-Control is worked out by the application), and never served
# after it expires (no grace).

import std;
import var;

# Where gunicorn listens (gunicorn.conf.py: GUNICORN_BIND).
backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
}

# Who may send PURGE: the application on this machine.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    var.global_set("generation", "0");
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.X-Content-Generation ~ "^[0-9]{1,18}$") {
            # The newest generation wins (PURGEs of two changes may cross),
            # unless told to start again (`manage.py purge_frontend_cache
            # --reset`, after the database was restored from a backup).
            if (req.http.X-Content-Generation-Reset == "yes"
                || std.integer(req.http.X-Content-Generation, 0) > std.integer(var.global_get("generation"), 0)) {
                var.global_set("generation", req.http.X-Content-Generation);
            }
            ban({"obj.http.X-Content-Generation != ""} + var.global_get("generation") + {"""});
            return (synth(200, "Banned: generation " + var.global_get("generation")));
        }
        return (purge);
    }
    unset req.http.X-Content-Generation;

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin, and anyone logged in (a session) or with a message waiting
    # (Django's messages cookie): never from the cache.
    if (req.url ~ "^/(admin|django-admin)(/|\?|$)") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Other cookies (a CSRF cookie left by a form, statistics) change nothing
    # in a cacheable page: the application does not vary it by cookie.
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    } else {
        hash_data(server.ip);
    }
    # Behind a TLS terminator, http and https are told apart.
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_hit {
    # An object of an older generation is never delivered, even if it was
    # stored in the instant between its check below and a ban.
    if (std.integer(obj.http.X-Content-Generation, 0) < std.integer(var.global_get("generation"), 0)) {
        set req.hash_always_miss = true;
        return (restart);
    }
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.status == 200
        && !beresp.http.Set-Cookie
        && beresp.http.Surrogate-Control ~ "max-age=[0-9]+"
        && beresp.http.X-Content-Generation ~ "^[0-9]{1,18}$"
        && std.integer(beresp.http.X-Content-Generation, 0) >= std.integer(var.global_get("generation"), 0)) {
        set beresp.ttl = std.duration(regsub(beresp.http.Surrogate-Control, "^.*max-age=([0-9]+).*$", "\1") + "s", 0s);
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        unset beresp.http.Surrogate-Control;
        if (beresp.ttl > 0s) {
            return (deliver);
        }
    }
    # Not storable: later requests go straight to the application for a
    # while (hit-for-miss), which may still store a storable answer.
    unset beresp.http.Surrogate-Control;
    set beresp.ttl = 10s;
    set beresp.grace = 0s;
    set beresp.keep = 0s;
    set beresp.uncacheable = true;
    return (deliver);
}

sub vcl_deliver {
    # A search answered from the cache still counts in the search report:
    # `varnishncsa -q 'VCL_Log:search-hit' -F '%{VCL_Log:search-hit}x'`
    # feeds these lines to `manage.py record_varnish_searches`.
    if (obj.hits > 0 && resp.http.X-Search-Counted) {
        std.log("search-hit:" + resp.http.X-Search-Counted + " " + req.url);
    }
    unset resp.http.X-Search-Counted;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
