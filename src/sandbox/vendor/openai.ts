/**
 * The browser runtime's `openai`: the real SDK, except that `new OpenAI()` does not refuse to
 * run in a Worker. The SDK refuses by default because a browser would expose a secret key;
 * sandbox code talks to the course's AI proxy with a placeholder key (`apiKey: 'sandbox'`) and
 * the real key never leaves the course's server. Learner code stays exactly what runs in Node.
 */
import OpenAIBase from 'openai'

export * from 'openai'

type ClientOptions = NonNullable<ConstructorParameters<typeof OpenAIBase>[0]>

export class OpenAI extends OpenAIBase {
  constructor(options: ClientOptions = {}) {
    super({ dangerouslyAllowBrowser: true, ...options })
  }
}

export default OpenAI
