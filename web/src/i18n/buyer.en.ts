import type { CaseState, RefundDestination } from '../generated/domain.ts';

/** The buyer portal's strings (namespace `buyer`). */
export const buyerEn = {
  loadMore: 'Show more',
  orders: {
    title: 'My orders',
    intro:
      'Open an order to see what can be returned, the shop’s return policy, and to message the seller.',
    empty: 'You have no orders yet.',
    orderRef: 'Order {{ref}}',
    placed: 'Placed {{date}}',
    totalPaid: 'Paid {{amount}}',
    delivered: 'Delivered {{date}}',
    notDelivered: 'Not delivered yet',
    returns: 'Returns:',
    openReturn: 'Open the return ({{status}})',
    returnItems: 'Return or refund',
    back: 'Back to my orders',
  },
  order: {
    placed: 'Placed',
    delivered: 'Delivered',
    shipping: 'Shipping',
    paid: 'Total paid',
    existingReturns_one: 'You have a return for this order',
    existingReturns_other: 'You have {{count}} returns for this order',
    viewReturn: '{{reason}}, opened {{date}}',
  },
  eligibility: {
    eligible: 'Can be returned',
    until: 'Returnable until {{date}}',
    notEligible: 'Can’t be returned',
    claimed_one: '{{count}} unit is already in a return',
    claimed_other: '{{count}} units are already in a return',
    blocker: {
      not_delivered: 'The order hasn’t been delivered yet.',
      window_closed: 'The return window has closed.',
      window_closed_at: 'The return window closed on {{date}}.',
      category_not_returnable: 'The shop doesn’t accept returns of items in this category.',
      fully_claimed: 'Every unit is already in a return.',
    },
  },
  policy: {
    title: 'The shop’s return policy',
    window: 'Return window',
    windowDays_one: '{{count}} day from delivery',
    windowDays_other: '{{count}} days from delivery',
    postage: 'Return postage',
    postageSellerFault: 'The seller pays when the item is damaged, faulty, wrong or incomplete.',
    postageSellerFaultBuyer: 'You pay, even when the item is damaged, faulty, wrong or incomplete.',
    postageBuyerFault: 'You pay when you changed your mind or the size is wrong.',
    postageBuyerFaultSeller: 'The seller pays, even when you changed your mind.',
    postageCap: 'Reimbursed up to {{amount}}.',
    restocking: 'Restocking fee',
    restockingPct: '{{pct}}% when you changed your mind',
    restockingNone: 'None',
    refundTo: 'Refund to',
    condition: 'Condition of returned items',
    defaultCondition:
      'Items must be unused, with all accessories, the original packaging and tags. Wipe any personal data from devices before sending them back.',
  },
  checklist: {
    unused: 'The item is unused',
    accessories: 'All accessories are included',
    packaging: 'Original packaging and tags are attached',
    dataWiped: 'Personal data is wiped from devices',
  },
  request: {
    itemsTitle: 'Items in this order',
    itemsHint: 'Tick the items you want to return and how many.',
    quantity: 'Quantity',
    quantityOf: 'Quantity of {{title}} to return',
    ofMax: 'of {{max}}',
    nothingEligible: 'Nothing in this order can be returned right now.',
    title: 'Request a return',
    typeTitle: 'What would you like?',
    typeReturnHint: 'send the item back for a refund',
    typeRefundOnlyHint:
      'keep the item; for items that arrived damaged, faulty, wrong or incomplete',
    reasonTitle: 'Why are you returning it?',
    group: { seller: 'Something is wrong with it', buyer: 'I don’t want it any more' },
    sellerPays: 'The seller pays the return postage.',
    youPay: 'You pay the return postage.',
    restockingFee: 'The shop deducts a {{pct}}% restocking fee.',
    description: 'What happened?',
    descriptionPlaceholder:
      'Describe the problem: what you expected, what you received. The more detail, the faster the seller can decide.',
    photos: 'Photos or video',
    photosHint:
      'Show the problem, the label and the packaging. Location data is removed from photos.',
    checklistTitle: 'Before you send it back',
    checklistHint: 'The shop checks the item when it arrives. Tick each point once it is true.',
    checklistProgress: '{{done}} of {{total}} ready',
    contact: 'How can the seller reach you? (optional)',
    contactHint: 'Added to your request so the seller can call or e-mail you if needed.',
    contactPlaceholder: 'Phone number or e-mail',
    destinationTitle: 'Where should the refund go?',
    destinationHint: {
      original_payment: 'back to the card or account you paid with',
      platform_balance: 'to your Sendback wallet, ready to spend once paid',
    } satisfies Record<RefundDestination, string>,
    previewTitle: 'Your refund',
    previewUpdating: 'Updating the refund preview',
    previewEmpty: 'Choose the items and a reason to see how much you get back.',
    previewTo: 'Paid to: {{destination}}. The final amount is confirmed when the seller decides.',
    capped: 'Limited to what is left of the amount you paid for this order.',
    submitReturn: 'Request the return',
    submitRefund: 'Request the refund',
    sent: 'Request sent. The seller has been told.',
    errors: {
      lines: 'Choose at least one item to return.',
      reason: 'Choose a reason.',
      description: 'Tell the seller what happened.',
      checklist: 'Tick every point of the checklist before you request the return.',
      destination: 'Choose where the refund should go.',
      fix: 'Some details need your attention; they are marked above.',
    },
  },
  returns: {
    title: 'My returns',
    intro: 'Every return you opened, what happens next, and how long is left.',
    filter: 'Show returns',
    filters: {
      all: 'All',
      yours: 'Waiting for you',
      open: 'In progress',
      done: 'Finished',
    },
    columns: {
      items: 'Items',
      status: 'Status',
      next: 'Next step',
      due: 'Time left',
      refund: 'Refund',
      opened: 'Opened',
    },
    yourTurn: 'Your turn',
    offered: '{{amount}} offered',
    empty: 'No returns here.',
    startFromOrders: 'Start a return from my orders',
    back: 'Back to my returns',
  },
  case: {
    title: 'Return {{id}}',
    viewOrder: 'View the order',
  },
  guide: {
    requested:
      'The seller is reviewing your request. If they haven’t answered by {{due}}, it is approved automatically.',
    partial_offer:
      'The seller offers {{offer}} and you keep the item. Answer by {{due}}: accept, or decline to have the seller review your request again.',
    rejected:
      'The seller rejected your request. You can edit and resubmit it, or ask the platform to decide, until {{due}}.',
    awaiting_shipment:
      'Approved! Pack the item, send it back and enter the tracking number here by {{due}}.',
    in_transit:
      'Your parcel is on its way. The seller confirms receipt when it arrives; if they don’t by {{due}}, you are refunded in full.',
    delivered:
      'The seller has your parcel and is inspecting it. Without an answer by {{due}}, you are refunded in full.',
    package_rejected:
      'The seller rejected the returned parcel. You can ask the platform to decide until {{due}}.',
    disputed: 'The platform’s team is reviewing your case and will decide.',
    appealed: 'The decision was appealed: another member of the platform’s team is reviewing it.',
    replacement_pending: 'The shop has your return and is sending you a replacement.',
    replacement_shipped:
      'Your replacement is on its way. Tell us when it arrives, or if something is wrong with it.',
    refund_pending: 'Your refund of {{amount}} is being paid to: {{destination}}.',
    refund_failed:
      'The refund could not be paid. The platform’s team has been told and will retry it.',
    refunded: '{{amount}} refunded to: {{destination}}.',
    closed: 'This return is closed: {{outcome}}.',
    cancelled: 'You withdrew this request.',
    sellerSaid: '{{reason}}: “{{note}}”',
    evidenceAsked: 'The agent asks you: “{{note}}” Please answer by {{due}}.',
    ruling: 'The agent’s decision: “{{note}}”',
    awaitingDropOff:
      'Approved! Pack the item, put the prepaid label on the parcel and drop it off by {{due}}.',
  } satisfies Record<CaseState, string> & Record<string, string>,
  actions: {
    title: 'What you can do',
    evidence: 'Photos, video or PDF',
    noteRequired: 'Please write a few words.',
    offer: {
      tab: 'The seller’s offer',
      intro: 'The seller offers you a partial refund of',
      keep: 'You keep the item and nothing needs to be sent back.',
      full: 'A full return would refund {{amount}} once the item is back.',
      accept: 'Accept {{amount}}',
      confirmTitle: 'Accept {{amount}} and keep the item?',
      confirmText: 'The refund is paid and the return is settled.',
      declineNote: 'Tell the seller why (optional)',
      declineHint: 'The seller then reviews your request again.',
    },
    escalate: {
      intro:
        'If you disagree with the seller, the platform’s team looks at the evidence from both sides and decides. Explain what you disagree with.',
      note: 'What should the platform know?',
      submit: 'Ask the platform to decide',
    },
    submit_evidence: {
      intro: 'Add what supports your side: photos of the item and parcel, receipts, conversations.',
      note: 'Your explanation',
      submit: 'Send the evidence',
    },
    resubmit: {
      intro_one:
        'Add what the seller asked for and send the request again. You can do this {{count}} more time.',
      intro_other:
        'Add what the seller asked for and send the request again. You can do this {{count}} more times.',
      submit: 'Resubmit the request',
    },
    withdraw: {
      title: 'Withdraw this return?',
      text: 'The seller stops processing it and it can’t be reopened.',
      keep: 'Keep it',
    },
    done: {
      accept_offer: 'Offer accepted. Your refund is on its way.',
      decline_offer: 'Offer declined. The seller will review your request again.',
      ship: 'Thanks! The seller can now follow your parcel.',
      resubmit: 'Request sent again.',
      escalate: 'The platform’s team will look at your case.',
      submit_evidence: 'Evidence sent.',
      withdraw: 'Request withdrawn.',
    },
  },
  ship: {
    intro:
      'Send the parcel with any carrier, then enter the carrier and the tracking number from the receipt.',
    carrierPlaceholder: 'Choose the carrier',
    trackingPlaceholder: 'e.g. 1Z999AA10123456784',
    trackingHint: 'It is on the receipt or the label.',
    needCarrier: 'Choose the carrier first, then we can check the number.',
    checking: 'Checking the number…',
    valid: 'This is a valid {{carrier}} tracking number.',
    invalid: 'This isn’t a valid {{carrier}} tracking number. Check it for typos.',
    serverInvalid: 'The number was refused: {{message}}',
    required: 'Enter the tracking number.',
    cost: 'Postage you paid (optional)',
    costSellerFault:
      'Keep the receipt: for a damaged, faulty, wrong or incomplete item the seller reimburses the postage.',
    costBuyerFault: 'For this reason the return postage is yours to pay.',
    submit: 'I’ve shipped it',
  },
  sendBack: {
    title: 'Send it back',
    sentTo: 'Return address',
    noAddress: 'The shop has not given a return address yet.',
    noAddressHint:
      'Ask the seller where to send the parcel in the messages, and wait for their answer before you ship.',
    toMessages: 'Go to the messages',
    labelTitle: 'Your prepaid label',
    labelIntro:
      'The shop has paid the postage. Pack the item, stick the label on the parcel and drop it off at any {{carrier}} location.',
    labelShipsItself:
      'Your return ships by itself when {{carrier}} scans the parcel: there is no tracking number to enter.',
    theCarrier: 'the carrier',
    pdf: 'Download label (PDF)',
    qrAlt: 'Drop-off QR code of tracking number {{tracking}}',
    qrHint: 'No printer? A drop-off counter can scan this code instead of a printed label.',
    labelPending: 'Your prepaid label is being prepared',
    labelPendingHint:
      'The shop pays the postage. The label appears here in a minute or two; this page updates by itself.',
    labelFailed: 'Your prepaid label could not be bought',
    labelFailedHint:
      'The shop is arranging another label, which will appear here. You may also ship the parcel yourself and enter the tracking number below; the postage is then paid as the shop’s return policy says.',
    shipYourself: 'Shipping it another way?',
    shipYourselfHint:
      'If you send the parcel without the prepaid label, enter the carrier and the tracking number from the receipt here.',
  },
  wallet: {
    title: 'Wallet',
    intro: 'Refunds you choose to receive as platform balance land here straight away.',
    balances: 'Balance',
    balanceIn: 'Available ({{currency}})',
    noBalance:
      'No balance yet. Choose “Platform balance” when you request a return to be refunded here.',
    entries: 'Activity',
    noEntries: 'No activity yet.',
    refundEntry: 'Refund {{id}}',
    columns: { date: 'Date', description: 'Description', amount: 'Amount' },
  },
  errors: {
    stale:
      'This return changed while you were looking at it. The latest version is shown; please check and try again.',
    conflict: 'That is no longer possible at this step. The page shows what you can do now.',
    notFound: 'Not found.',
    rateLimited: 'Too many attempts; please wait a moment.',
    invalid: 'Some details are not valid.',
    server: 'Something went wrong on our side. Please try again.',
    network: 'Could not reach Sendback. Check your connection and try again.',
    orderNotFound: 'We couldn’t find that order.',
    returnNotFound: 'We couldn’t find that return.',
    pageNotFound: 'This page doesn’t exist.',
  },
};

export type BuyerStrings = typeof buyerEn;
