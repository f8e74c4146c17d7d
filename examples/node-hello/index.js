// A Lambda-style Node.js handler (async), unchanged from what AWS Lambda runs.
exports.handler = async (event, context) => {
  const name = event.name || 'world';
  console.log(`greeting ${name} from ${context.functionName}`);
  return { greeting: `Hello, ${name}!`, remainingMs: context.getRemainingTimeInMillis() > 0 };
};
