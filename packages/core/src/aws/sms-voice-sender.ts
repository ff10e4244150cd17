import { type PinpointSMSVoiceV2Client, SendTextMessageCommand } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import type { SmsMessage, SmsSender } from "../ports.ts";

export interface SmsVoiceSenderOptions {
  /** A phone number, sender ID, pool (id or ARN); unset, the service picks one of the account's. */
  originationIdentity: string | undefined;
  /** For event destinations (delivery receipts, spend) and the account's protect configuration. */
  configurationSetName: string | undefined;
  /** US dollars a message may cost at most; a dearer route is refused, not sent. */
  maxPrice: string;
  /** Seconds the service keeps trying to deliver: past the code's life a text is no use. */
  timeToLiveSeconds: number;
}

/** Sends transactional texts through AWS End User Messaging SMS (pinpoint-sms-voice-v2 SendTextMessage). */
export function smsVoiceSender(client: PinpointSMSVoiceV2Client, options: SmsVoiceSenderOptions): SmsSender {
  return {
    async send(message: SmsMessage) {
      await client.send(
        new SendTextMessageCommand({
          DestinationPhoneNumber: message.to,
          MessageBody: message.text,
          MessageType: "TRANSACTIONAL",
          MaxPrice: options.maxPrice,
          // The service's bounds: 5 seconds to 3 days.
          TimeToLive: Math.min(Math.max(options.timeToLiveSeconds, 5), 259_200),
          ...(options.originationIdentity && { OriginationIdentity: options.originationIdentity }),
          ...(options.configurationSetName && { ConfigurationSetName: options.configurationSetName }),
        }),
      );
    },
  };
}
