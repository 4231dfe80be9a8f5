import { trpc, type RouterOutputs } from "../../api/trpc.js";

type List = RouterOutputs["shopping"]["list"];

/**
 * Every shopping mutation answers with the whole list: show that answer. A list read still in flight (started
 * when the screen opened) could land after it with older lines, so it is cancelled first.
 */
export function useShowList(): (list: List) => Promise<void> {
  const utils = trpc.useUtils();
  return async (list) => {
    await utils.shopping.list.cancel();
    utils.shopping.list.setData(undefined, list);
  };
}
