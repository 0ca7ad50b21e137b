#!/bin/sh
# Registers matscreen's custom search attributes (docs/operations.md, "Temporal") in a Temporal namespace,
# once Temporal answers. Idempotent: attributes that already exist are left alone.
# Runs in the temporalio/admin-tools image (the `temporal` CLI); TEMPORAL_ADDRESS and
# TEMPORAL_NAMESPACE come from the environment. On a cluster of your own, run the same
# `temporal operator search-attribute create` lines with your --address/--namespace (and TLS or
# API-key options).
set -eu
: "${TEMPORAL_ADDRESS:=temporal:7233}"
: "${TEMPORAL_NAMESPACE:=default}"
export TEMPORAL_ADDRESS

tries=0
until temporal operator cluster health 2>/dev/null | grep -q SERVING; do
  tries=$((tries + 1))
  if [ "$tries" -gt 120 ]; then
    echo "register-search-attributes: Temporal at $TEMPORAL_ADDRESS not serving after 120 s" >&2
    exit 1
  fi
  sleep 1
done
# The default namespace is created by auto-setup just after the server starts.
until temporal operator namespace describe --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; do
  sleep 1
done

existing=$(temporal operator search-attribute list --namespace "$TEMPORAL_NAMESPACE")
for pair in \
  MatscreenCampaign:Keyword \
  MatscreenStage:Keyword \
  MatscreenChemsys:KeywordList \
  MatscreenScreened:Int \
  MatscreenStableFound:Int; do
  name=${pair%%:*}
  type=${pair#*:}
  if printf '%s\n' "$existing" | grep -qw "$name"; then
    echo "search attribute $name already registered"
  else
    temporal operator search-attribute create --namespace "$TEMPORAL_NAMESPACE" \
      --name "$name" --type "$type"
    echo "search attribute $name ($type) registered"
  fi
done
