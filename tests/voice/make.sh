#!/usr/bin/env bash
# Makes the voice notes the speech tests send, once; the .ogg files are committed beside this.
# Needs Debian's espeak-ng and ffmpeg:
#   apt-get install -y --no-install-recommends espeak-ng ffmpeg
# Each note is what WhatsApp and Telegram send: OGG/Opus, mono, 16 kHz, about 24 kbit/s.
# espeak-ng's voice is hard for the tiny.en model: these sentences (British voice, 120 words a
# minute) are ones it transcribes exactly with beam 1; others came out wrong ("find a job" as
# "I need a job"), so do not change them without listening to what the model makes of them.
set -euo pipefail
cd "$(dirname "$0")"
opus() { ffmpeg -loglevel error -y -i "$1" -ar 16000 -ac 1 -c:a libopus -b:a 24k -application voip "$2"; }
say() {
    espeak-ng -v en-gb -s 120 -g 4 -w "$1.wav" "$2"
    opus "$1.wav" "$1.ogg"
    rm "$1.wav"
}
say find_help "find help near me"
say paris "Paris"
say cook "I am looking for work as a cook"
# Two seconds of silence: the voice-activity detector finds no speech.
ffmpeg -loglevel error -y -f lavfi -i anullsrc=r=16000:cl=mono -t 2 -c:a libopus -b:a 24k silent.ogg
# Seven seconds of a tone: longer than the tests' SPEECH_MAX_SECONDS (5).
ffmpeg -loglevel error -y -f lavfi -i "sine=frequency=220:sample_rate=16000" -t 7 \
    -c:a libopus -b:a 16k long.ogg
# A broken note: the first page of a real one, then bytes that are no Opus at all.
{ head -c 200 cook.ogg; printf 'not opus %.0s' {1..40}; } > broken.ogg
