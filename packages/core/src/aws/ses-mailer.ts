import { type SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import type { EmailMessage, Mailer } from "../ports.ts";

/**
 * Sends mail through SES v2 from one verified sender identity, with the configuration set named, whose
 * event destinations (the CDK construct's: CloudWatch) count sends, bounces and complaints.
 */
export function sesMailer(client: SESv2Client, from: string, configurationSetName?: string): Mailer {
  return {
    async send(message: EmailMessage) {
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          ...(configurationSetName && { ConfigurationSetName: configurationSetName }),
          Destination: { ToAddresses: [message.to] },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: "UTF-8" },
              Body: {
                Text: { Data: message.text, Charset: "UTF-8" },
                Html: { Data: message.html, Charset: "UTF-8" },
              },
            },
          },
        }),
      );
    },
  };
}
